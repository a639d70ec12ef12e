// @vitest-environment happy-dom
// Page chrome the generic reader recognises by itself: landmarks and widgets anywhere, and on
// a page read whole, chrome class words and link columns, never a block holding half the text.
import { describe, expect, it } from 'vitest';
import {
  classAndIdWords,
  createPageChromeFilter,
  isPageChrome,
} from '../../../extension/content/page-chrome.js';

const NOTE = 'Assessment: hypothyroidism on levothyroxine, TSH in range. '.repeat(8);

function chromeOf(selector: string, isWholeBody = true): boolean {
  const element = document.querySelector(selector)!;
  const filter = createPageChromeFilter(document.body, isWholeBody);
  return isPageChrome(element, element.tagName, filter);
}

describe('classAndIdWords', () => {
  it('splits class names and ids on punctuation and camelCase', () => {
    document.body.innerHTML = '<div class="pt-banner navTree" id="left_sideBar"></div>';
    expect(classAndIdWords(document.querySelector('div')!)).toEqual([
      'pt',
      'banner',
      'nav',
      'tree',
      'left',
      'side',
      'bar',
    ]);
  });
});

describe('isPageChrome', () => {
  it('landmarks and widgets are chrome anywhere; a header inside an article is not', () => {
    document.body.innerHTML = `<header id="top">Test Patient (synthetic)</header>
      <main><nav id="n">Summary</nav><aside id="a">Recent</aside>
      <ul role="menu" id="m"><li>Other patient</li></ul><div role="tablist" id="t"></div>
      <article><header id="inner">Progress note</header><p id="p">${NOTE}</p></article></main>`;
    for (const id of ['#top', '#n', '#a', '#m', '#t']) expect(chromeOf(id, false), id).toBe(true);
    expect(chromeOf('#inner', false)).toBe(false);
    expect(chromeOf('#p', false)).toBe(false);
  });

  it('chrome class words, but never a wrapper holding half the text', () => {
    document.body.innerHTML = `<div class="layout-with-sidebar">
      <div class="pt-banner">Allergies: penicillin</div>
      <div class="activity-sidebar">Warfarin for atrial fibrillation</div>
      <div class="note-viewer" id="note">${NOTE}</div></div>`;
    expect(chromeOf('.pt-banner')).toBe(true);
    expect(chromeOf('.activity-sidebar')).toBe(true);
    expect(chromeOf('#note')).toBe(false);
    expect(chromeOf('.layout-with-sidebar')).toBe(false);
    expect(chromeOf('.pt-banner', false)).toBe(true); // also inside a <main>
  });

  it('on a page read whole: a block of three or more links that is mostly link text', () => {
    document.body.innerHTML = `<table><tr>
      <td id="links"><a href="#1">Diabetic flowsheet</a><br><a href="#2">COPD action plan</a><br><a href="#3">Print</a></td>
      <td id="note"><pre>${NOTE}</pre><p id="refs">See <a href="#a">CBC</a>, <a href="#b">BMP</a> and <a href="#c">TSH</a>, ${NOTE.slice(0, 120)}</p></td>
    </tr></table>`;
    expect(chromeOf('#links')).toBe(true);
    expect(chromeOf('#note')).toBe(false);
    expect(chromeOf('#refs')).toBe(false); // three links, but mostly prose
    expect(chromeOf('#links', false)).toBe(false); // link columns only on a page read whole
  });
});

describe('isPageChrome keeps note headings', () => {
  it('a div named "section-header" is a note heading, not chrome', () => {
    document.body.innerHTML = `<div class="note"><div class="section-header">Family history</div>
      <div>Mother with breast cancer.</div><div class="section-header">Assessment</div><div>${NOTE}</div></div>`;
    expect(chromeOf('.section-header')).toBe(false);
  });
});
