import type { AllowRule, App, AppSummary, Catalog, Publisher } from './types.js';

/**
 * Lookups over a resolved catalog that resolution and the features built on the plan ask many
 * times: subsidiaries, chains, summaries, whether an exception covers an app.
 */
export class CatalogIndex {
  private readonly children = new Map<string, string[]>();
  private readonly appsByPublisher = new Map<string, App[]>();
  private readonly under = new Map<string, App[]>();

  constructor(readonly catalog: Catalog) {
    for (const p of catalog.publishers.values()) {
      if (p.parent !== undefined) append(this.children, p.parent, p.id);
    }
    for (const app of catalog.apps.values()) {
      if (app.publisher === undefined) continue;
      append(this.appsByPublisher, app.publisher, app);
    }
  }

  /** The publisher and its subsidiaries at every depth, breadth first. */
  publishersUnder(id: string): Publisher[] {
    const out: Publisher[] = [];
    const queue = [id];
    const seen = new Set<string>();
    while (queue.length) {
      const next = queue.shift()!;
      if (seen.has(next)) continue;
      seen.add(next);
      const p = this.catalog.publishers.get(next);
      if (p) out.push(p);
      queue.push(...(this.children.get(next) ?? []));
    }
    return out;
  }

  /** Every app of a publisher and of its subsidiaries, in catalog order. */
  appsUnder(id: string): App[] {
    let apps = this.under.get(id);
    if (!apps) {
      apps = this.publishersUnder(id).flatMap((p) => this.appsByPublisher.get(p.id) ?? []);
      this.under.set(id, apps);
    }
    return apps;
  }

  /** Direct subsidiaries of a publisher, in catalog order. */
  subsidiaries(id: string): Publisher[] {
    return (this.children.get(id) ?? []).map((c) => this.catalog.publishers.get(c)!);
  }

  /** Apps whose own publisher is this one (not its subsidiaries'). */
  appsOf(id: string): App[] {
    return this.appsByPublisher.get(id) ?? [];
  }

  /** The publisher and its parents, outermost first. */
  ancestry(id: string): Publisher[] {
    const up: Publisher[] = [];
    for (let p = this.catalog.publishers.get(id); p && up.length <= this.catalog.publishers.size; p = p.parent !== undefined ? this.catalog.publishers.get(p.parent) : undefined) {
      up.push(p);
    }
    return up.reverse();
  }

  /** In-app features (featureOf) hosted by an app. */
  featuresOf(appId: string): App[] {
    return [...this.catalog.apps.values()].filter((a) => a.featureOf === appId);
  }

  /** Publisher ids from `ancestor` down to `publisher`, or undefined when it is not an ancestor. */
  chain(ancestor: string, publisher: string): string[] | undefined {
    const up: string[] = [];
    for (let p = this.catalog.publishers.get(publisher); p; p = p.parent !== undefined ? this.catalog.publishers.get(p.parent) : undefined) {
      up.push(p.id);
      if (p.id === ancestor) return up.reverse();
      if (up.length > this.catalog.publishers.size) break;
    }
    return undefined;
  }

  /** Whether a publisher exception covers this publisher: it or one above it. */
  exceptionCoversPublisher(rule: AllowRule, publisherId: string): boolean {
    return rule.kind === 'publisher' && this.chain(rule.id, publisherId) !== undefined;
  }

  exceptionMatches(rule: AllowRule, app: App): boolean {
    if (rule.kind === 'app') {
      const target = this.catalog.apps.get(rule.id);
      return rule.id === app.id || target?.featureOf === app.id;
    }
    return app.publisher !== undefined && this.chain(rule.id, app.publisher) !== undefined;
  }

  summary(app: App): AppSummary {
    const s: AppSummary = { id: app.id, name: app.name, confidence: app.confidence };
    const p = app.publisher !== undefined ? this.catalog.publishers.get(app.publisher) : undefined;
    if (p) s.publisher = { id: p.id, name: p.name };
    return s;
  }
}

/** Adds to a list in place: copying it on every add made indexing a publisher of n apps O(n²). */
function append<T>(lists: Map<string, T[]>, key: string, item: T): void {
  const list = lists.get(key);
  if (list) list.push(item);
  else lists.set(key, [item]);
}
