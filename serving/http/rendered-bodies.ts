// The text of an answer, rendered once per cached answer object: while an
// answer is reused from the query caches (closed days, or a live answer for
// up to API_LIVE_CACHE_MS), every request for it gets the same bytes, so the
// presentation (ISO times, decimal int64) and JSON or CSV encoding run once,
// not per request. `tag` names whatever else the text depends on (format,
// location names), so a change there renders again.

export class RenderedBodies {
  private readonly bodies = new WeakMap<object, { readonly tag: string; readonly text: string }>();

  text(answer: object, tag: string, render: () => string): string {
    const hit = this.bodies.get(answer);
    if (hit?.tag === tag) return hit.text;
    const text = render();
    this.bodies.set(answer, { tag, text });
    return text;
  }
}
