// Entry point of a lazily loaded screen; replaced by the helper that owns this folder.
export default function PlanScreen() {
  return <section aria-labelledby="PlanScreen-title"><h1 id="PlanScreen-title">PlanScreen</h1></section>;
}
