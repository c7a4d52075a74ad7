// Entry point of a lazily loaded screen; replaced by the helper that owns this folder.
export default function ReportScreen() {
  return <section aria-labelledby="ReportScreen-title"><h1 id="ReportScreen-title">ReportScreen</h1></section>;
}
