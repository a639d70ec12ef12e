#!/usr/bin/env bash
# Held-out CodiEsp dev figures of the coding model (issue 16): fits every model on CodiEsp
# train only (MARGINALIA_FIT_SPLITS=train) in a separate worktree of the committed HEAD, so the
# checkout's dist/ and models/ are left alone, then scores dev (mentions scope) with the model
# and with --no-model in the same run.
#
#   build/eval-held-out.sh [DIR]      (DIR: where the worktree goes, default /tmp/marginalia-held-out)
#   LINKER_SKIP_ENCODER=1 build/eval-held-out.sh DIR   reuses DIR's cached train-only encoder
set -euo pipefail
root=$(git rev-parse --show-toplevel)
dir=${1:-/tmp/marginalia-held-out}
export MARGINALIA_DATA=${MARGINALIA_DATA:-$(cd "$root/.." && pwd)/shared/data}
data=$MARGINALIA_DATA
if [ -d "$dir/.git" ] || [ -f "$dir/.git" ]; then
  # --force: the last run's train-only models/ are local changes there.
  git -C "$dir" checkout --quiet --force --detach "$(git -C "$root" rev-parse HEAD)"
else
  git -C "$root" worktree add --detach "$dir" HEAD
fi
[ -e "$dir/node_modules" ] || ln -sfn "$root/node_modules" "$dir/node_modules"
cd "$dir"
export MARGINALIA_FIT_SPLITS=train
npm run train
# The build copied models/ into dist/models before training: the CLI must read the new ones.
cp models/*.json models/*.onnx models/*.bin dist/models/
cli="node dist/cli/marginalia.js"
for flag in "" "--no-model"; do
  echo "== CodiEsp dev, held out (train-only fit), mentions scope ${flag:-with the model}"
  /usr/bin/time -f "wall %e s" $cli eval --gold "$data/codiesp/dev/devD.tsv" --texts "$data/codiesp/dev/text_files_en" --train-gold "$data/codiesp/train/trainD.tsv" $flag
done
