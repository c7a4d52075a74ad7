// Entry point of a lazily loaded screen; replaced by the helper that owns this folder.
export default function ReviewScreen() {
  return <section aria-labelledby="ReviewScreen-title"><h1 id="ReviewScreen-title">ReviewScreen</h1></section>;
}
