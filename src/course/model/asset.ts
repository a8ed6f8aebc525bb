/** A reference from lesson or job aid to a file, with where it was written. */
export interface AssetRef {
  /** As written, e.g. `assets/matrix.png`. */
  ref: string;
  kind: 'image' | 'media' | 'link';
  file: string;
  line: number;
  column: number;
  /** Media of a ```video or ```audio block, whose play time the block states (not raw HTML media). */
  timed?: boolean;
  /** A WebVTT captions file of a media block: checked to be WebVTT. */
  captions?: boolean;
}
