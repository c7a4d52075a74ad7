// Entry point of a lazily loaded screen; replaced by the helper that owns this folder.
export default function AdminScreen() {
  return <section aria-labelledby="AdminScreen-title"><h1 id="AdminScreen-title">AdminScreen</h1></section>;
}
