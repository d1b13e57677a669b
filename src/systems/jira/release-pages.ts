/**
 * A Jira fix version's page, by its address (pure: the site adapter and the provider both read it).
 * - Jira Cloud's release page: `/projects/KEY/versions/ID/tab/release-report-all-issues` (links people paste into
 *   release notes, e.g. `https://eaflood.atlassian.net/projects/FSR/versions/16851/tab/release-report-all-issues`
 *   in DEFRA's release checklists and `https://xillio.atlassian.net/projects/CTC/versions/12700/tab/…`, both seen
 *   in public repositories in 2024–2026), and the same under the newer project routes
 *   `/jira/software/projects/KEY/versions/ID/…` (team-managed) and `/jira/software/c/projects/KEY/versions/ID/…`
 *   (company-managed), as Jira Software's other project pages (boards, backlog) are.
 * - Jira Data Center's version page: `/projects/KEY/versions/ID` (behind any context path, `/jira/projects/…`).
 */
export interface JiraVersionPage {
  project: string;
  id: string;
}

export const jiraVersionPath =
  /\/(?:jira\/software\/(?:c\/)?)?projects\/([A-Za-z][A-Za-z0-9_]{0,254})\/versions\/([1-9]\d{0,17})(?:\/tab\/[\w-]{1,64})?\/?$/;

export function jiraVersionPage(url: URL): JiraVersionPage | undefined {
  const m = jiraVersionPath.exec(url.pathname);
  if (!m) return undefined;
  const [, project = '', id = ''] = m;
  return { project: project.toUpperCase(), id };
}
