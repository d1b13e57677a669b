/**
 * Real URLs each page type must accept (and every other page type must reject), with where each was found: tested
 * by test/sites/adapters.test.ts. Kept out of the site adapters so that no page loads them (issue 15).
 */
export const pageExamples: Readonly<Record<string, readonly string[]>> = {
  // github
  'github-pull': [
    'https://github.com/refined-github/refined-github/pull/148',
    'https://github.com/sindresorhus/refined-github/pull/148/', // github-url-detection's isPRConversation
    'https://ghe.acme.test/acme/shop-api/pull/42',
  ],
  'github-pull-files': [
    'https://github.com/sindresorhus/refined-github/pull/148/files',
    'https://github.com/sindresorhus/refined-github/pull/148/files/e1aba6f',
    'https://github.com/sindresorhus/refined-github/pull/148/files/1e27d799..e1aba6f',
    'https://github.com/refined-github/refined-github/pull/148/changes',
    'https://github.com/refined-github/refined-github/pull/148/changes/1e27d799..e1aba6f',
    'https://github.com/refined-github/refined-github/pull/148/changes/1e27d7998afdd3608d9fc3bf95ccf27fa5010641..e1aba6febb3fe38aafd1137cff28b536eeeabe7e',
    'https://github.com/sindresorhus/refined-github/pull/148/commits/1e27d7998afdd3608d9fc3bf95ccf27fa5010641',
    'https://github.com/sindresorhus/refined-github/pull/148/commits/1e27d79',
    'https://github.com/sindresorhus/refined-github/pull/148/changes/1e27d7998afdd3608d9fc3bf95ccf27fa5010641',
    'https://github.com/sindresorhus/refined-github/pull/148/changes/1e27d79',
    'https://ghe.acme.test/acme/shop-api/pull/42/files',
  ],
  'github-pull-tab': [
    'https://github.com/sindresorhus/refined-github/pull/148/commits', // isPRCommitList
    'https://github.com/refined-github/refined-github/pull/6194/commits', // refined-github mark-merge-commits-in-list
    'https://github.com/refined-github/refined-github/pull/148/checks',
  ],
  'github-issue': [
    'https://github.com/refined-github/refined-github/issues/3543',
    'https://ghe.acme.test/acme/web/issues/7',
  ],
  'github-release': [
    'https://github.com/facebook/react/releases/tag/v17.0.2', // refined-github tag-changes-link's test URL
    'https://github.com/libp2p/jvm-libp2p/releases/tag/v1.1.1',
    'https://github.com/bigmillz/concordevpn-releases/releases/tag/nightly',
    'https://ghe.acme.test/platform/billing/releases/tag/v7.2.0',
    'https://github.com/acme/shop-api/releases/tag/release/2026-03',
  ],
  'github-compare': [
    'https://github.com/refined-github/refined-github/compare/23.2.1...main', // refined-github swap-branches-on-compare
    'https://github.com/refined-github/refined-github/compare/23.11.15.1433...23.11.15',
    'https://github.com/sindresorhus/refined-github/compare/master...branch-name', // github-url-detection isCompare
    'https://github.com/refined-github/sandbox/compare/default-a...buncha-files', // refined-github link-to-compare-diff
    'https://github.com/acme/shop-api/compare/v2.4.0..v2.4.1', // two-dot: refined-github's isTwoDotDiff
    'https://ghe.acme.test/platform/billing/compare/v7.1.0...v7.2.0',
  ],
  'github-pull-list': [
    'https://github.com/refined-github/refined-github/pulls',
    'https://github.com/refined-github/refined-github/pulls?q=is%3Apr+is%3Aclosed',
    'https://ghe.acme.test/platform/billing/pulls',
  ],
  'github-issue-list': [
    'https://github.com/refined-github/refined-github/issues',
    'https://github.com/refined-github/refined-github/issues?q=is%3Aissue%20state%3Aopen%20label%3Abug',
    'https://ghe.acme.test/acme/web/issues',
  ],
  // jira
  'jira-issue': [
    // brooswit-factory/butchr `test/unit/url-to-resource.test.ts` @ d08948a97747a243080c255546c40fc09f0a073b (a URL
    // resolver's tests); 69115309664 (Data Center host in a parser's tests; search index only)
    'https://acme.atlassian.net/browse/BUTCHR-12',
    'https://jira.mycorp.org/browse/SEC-777',
    // Data Center under a context path: 70954187932 (a ScriptRunner route test: /jira/browse/ABC-1; search index only)
    'https://jira.example.com/jira/browse/ABC-1',
    // the project issue list with one issue open: brooswit-factory/butchr `test/unit/url-to-resource.test.ts`
    // @ d08948a9; 30924779345 (a code comment; search index only)
    'https://acme.atlassian.net/jira/software/c/projects/BUTCHR/issues/BUTCHR-12',
    'https://datastax-oss.atlassian.net/jira/software/c/projects/CSHARP/issues/CSHARP-856',
    // the global navigator with one issue open: Atlassian's smart-link provider tests, pioug/atlassian-frontend-mirror
    // `editor/editor-card-provider/src/__tests__/index.test.ts` @ 58f3545ab96a3cb09d1eac2ab85f4ca2cadfafea
    'https://forge-smart-link-battleground.jira-dev.com/issues/EDJ-3?filter=-4&jql=ORDER%20BY%20assignee%20DESC',
  ],
  'jira-selected-issue': [
    // 69115309664 (a Jira URL parser's tests: board and backlog; search index only)
    'https://acme.atlassian.net/jira/software/c/projects/ENG/boards/42?selectedIssue=ENG-123&quickFilter=10,20&text=backend',
    'https://acme.atlassian.net/jira/software/c/projects/PROD/boards/88/backlog?selectedIssue=PROD-55',
    // team-managed board and timeline: 22647574859, 16380277574, 40080347789 (links in READMEs and comments; search
    // index only)
    'https://generatenu.atlassian.net/jira/software/projects/WT/boards/2?selectedIssue=WT-98',
    'https://youthing.atlassian.net/jira/software/projects/COT/boards/2?selectedIssue=COT-139&sprints=8',
    'https://mail-team-8anht7w3pbww.atlassian.net/jira/software/projects/PP/boards/2/timeline?selectedIssue=PP-2',
    // Jira Work Management board: 54186853895 (a link built in code; the key filled in; search index only)
    'https://dev-scvweb.atlassian.net/jira/core/projects/JIRA2024/board?groupBy=status&selectedIssue=JIRA2024-7',
    // the global navigator: 31320405542 (a popover's tests; search index only)
    'https://something.atlassian.net/jira/issues/?selectedIssue=TICKET-1234',
  ],
  'jira-issue-navigator': [
    // 69115309664 (a Jira URL parser's tests), 70075324282, 52640854724 (links in docs) (search index only)
    'https://acme.atlassian.net/issues/?jql=project%20%3D%20ENG%20AND%20status%20%3D%20Open',
    'https://appfire.atlassian.net/issues/?filter=17844',
    'https://whd.atlassian.net/jira/issues/?jql=project=CSM',
    // Data Center under a context path: 110103727 (a release note; search index only)
    'https://issues.apache.org/jira/issues/?filter=12352767',
    // project issue lists: Atlassian's smart-link provider tests, pioug/atlassian-frontend-mirror
    // `editor/editor-card-provider/src/__tests__/index.test.ts` @ 58f3545ab96a3cb09d1eac2ab85f4ca2cadfafea
    'https://jdog.jira-dev.com/jira/software/c/projects/DL39857/issues',
    'https://jdog.jira-dev.com/jira/core/projects/NPM5/issues',
  ],
  'jira-version': [
    // release links pasted into public release checklists (DEFRA flood services, 2024–2026; xillio, egalvanic)
    'https://eaflood.atlassian.net/projects/FSR/versions/16851/tab/release-report-all-issues',
    'https://xillio.atlassian.net/projects/CTC/versions/12700/tab/release-report-all-issues',
    'https://egalvanic.atlassian.net/projects/ZP/versions/14236/tab/release-report-all-issues',
    'https://acme.atlassian.net/jira/software/projects/SHOP/versions/10101/tab/release-report-all-issues',
    'https://acme.atlassian.net/jira/software/c/projects/SHOP/versions/10102',
    // Data Center (a self-hosted host from settings), under a context path too
    'https://jira.acme.test/projects/PLAT/versions/11100',
    'https://jira.acme.test/jira/projects/PLAT/versions/11100',
  ],
  // jsm
  'jsm-request': [
    // queue links in code and docs: 49203760072, 43578105854 (search index only)
    'https://inovexirad.atlassian.net/jira/servicedesk/projects/MCS/queues/custom/1/MCS-167',
    'https://carvalhohugo425.atlassian.net/jira/servicedesk/projects/SUP/queues/custom/1/SUP-250',
    // …/queues/issue/KEY: 17392476756 (Atlassian's own code comment), 6746560031 (search index only)
    'https://product-fabric.atlassian.net/jira/servicedesk/projects/DTR/queues/issue/DTR-1948',
    'https://priceline.atlassian.net/jira/servicedesk/projects/PIPESUP/queues/issue/PIPESUP-8522',
    // older Cloud: 30434098116 (an Atlaskit code comment; search index only)
    'https://ecosystem.atlassian.net/projects/AK/queues/issue/AK-6548',
    // Data Center under a context path: 67134244698, 46097816557 (search index only)
    'https://rtahotline.etas.com/jira/projects/RH/queues/issue/RH-13943',
    'https://apps.nrs.gov.bc.ca/int/jira/projects/SD/queues/issue/SD-74878',
  ],
  // servicenow
  'servicenow-form': [
    // record links from code and docs (14619005670, 5405078016, 47162363432, 3535860785; search index only)
    'https://siemensfs.service-now.com/incident.do?sys_id=cb29fa8bdb390418c83025784b9619d6&sysparm_record_target=incident&sysparm_record_row=1&sysparm_record_rows=1',
    'https://myinstance.service-now.com/problem.do?sys_id=d7296d02c0a801670085e737da016e70',
    'https://dev77145.service-now.com/change_request.do?sys_id=ee362595db02101093ac84da0b9619d9',
    'https://capitalgroup.service-now.com/sc_req_item.do?sys_id=ff391f8e1be33854371277741a4bcb9a&sysparm_record_target=sc_req_item&sysparm_record_row=1',
    'https://southwest.service-now.com/sc_req_item.do?sys_id=beb6be81479426505f488f2f016d43b3&sysparm_view=NULL',
    // what gsft_main loads for nav_to.do?uri=incident.do%3Fsysparm_query%3Dnumber%3DINC0099887 (66584771709, search
    // index only)
    'https://acme.service-now.com/incident.do?sysparm_query=number=INC0099887',
  ],
  'servicenow-workspace': [
    // 69292819427 (a ServiceNow extension's tests), 58594720350 (a library's README: /now/sow/record/incident/<sys_id>)
    // (search index only)
    'https://acme.service-now.com/now/sow/record/incident/a1b2c3d4e5f60718293a4b5c6d7e8f90/params/selected-tab-index/1',
    'https://acme.service-now.com/now/sow/record/incident/a1b2c3d4e5f60718293a4b5c6d7e8f90',
    // 14312244468 (a page list for a UI checker; the host is the instance's; search index only)
    'https://acme.service-now.com/now/sow/record/sc_req_item/aec79906eb43011008f2951ff15228f0',
    // Agent Workspace: 49694923018 (a permalink in an API response; search index only); the same route in
    // dwtaber/Userscripts `ServiceNow/AgentWorkspaceHideParentAlert.user.js` @ 14d3eb75
    // (@match …/now/workspace/agent/record*)
    'https://dev109758.service-now.com/now/workspace/agent/record/incident/4bf8880e2f6d81108bfb56e62799b6c8',
  ],
  // zendesk
  'zendesk-ticket': [
    // brooswit-factory/butchr `test/unit/url-to-resource.test.ts` @ d08948a97747a243080c255546c40fc09f0a073b (a URL
    // resolver's tests: acme.zendesk.com/agent/tickets/123); 33248306874 (an app's README), 9121439964
    // (a handbook link) (search index only)
    'https://acme.zendesk.com/agent/tickets/123',
    'https://example.zendesk.com/agent/tickets/9',
    'https://gitlab.zendesk.com/agent/tickets/162478',
  ],
};
