import type { Artifact } from '../targets/artifact.js';
import { buildReportModel, type ReportInput } from './model.js';
import { renderHtml, renderMarkdown } from './render.js';
import { joinBytes } from './rows.js';

export type { ReportInput };

/**
 * report.html and report.md: what is blocked where and why, and what each target needs. Built
 * after verify from the plan, the diagnostics and the other artifacts (which file goes where),
 * which no target sees; pure and dated nowhere, so the same policy gives the same bytes.
 */
export function reportArtifacts(input: ReportInput): Artifact[] {
  const model = buildReportModel(input);
  const [html, markdown] = joinBytes([renderHtml(model), renderMarkdown(model)]);
  return [
    { path: 'report.html', bytes: html!, kind: 'report-html' },
    { path: 'report.md', bytes: markdown!, kind: 'report-md' },
  ];
}
