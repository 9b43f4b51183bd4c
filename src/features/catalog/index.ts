/** The catalog as a thing to search, show and lint: pure functions over what openCatalog reads. */
export { openCatalog, type CatalogGroup, type CatalogPolicy, type CatalogWorkspace, type OpenCatalogOptions } from './workspace.js';
export { searchCatalog, MATCH_RANKS, type MatchRank, type SearchHit } from './search.js';
export { describeEntry, findEntry, type AppView, type EntryRef, type EntryView, type FindResult, type IdentifierView, type PolicyRef, type PublisherRuleHit, type PublisherView, type Verdict } from './show.js';
export { lintCatalog, lintWorkspace } from './lint.js';
export { appIdentifiers, publisherIdentifiers, type LabelledIdentifier } from './fields.js';
export { planCoverage, type AbsentCoverage, type IdentifiedApp, type PlatformCoverage } from '../../plan/coverage.js';
