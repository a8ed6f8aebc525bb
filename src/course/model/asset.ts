/** A reference from lesson or job aid to a file, with where it was written. */
export interface AssetRef {
  /** As written, e.g. `assets/matrix.png`. */
  ref: string;
  kind: 'image' | 'media' | 'link';
  file: string;
  line: number;
  column: number;
}
