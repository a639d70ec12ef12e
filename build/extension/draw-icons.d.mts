export declare const ICON_SIZES: readonly number[];
export declare function drawIconPng(size: number): Buffer;
export declare function writeIcons(options: { out: string }): Promise<void>;
