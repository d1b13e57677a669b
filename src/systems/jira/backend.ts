import { z } from 'zod';
import { type SystemBackend, settingsSection } from '../backend';
import { systemOf } from '../index';
import { createJiraProvider } from './provider';
import { createJiraWriter } from './writes';

/** `settings.jira`'s optional fields, read here until settings.ts declares them (DESIGN.md contract 2). */
const sectionSchema = z.looseObject({
  referenceFields: z.array(z.string().regex(/^customfield_\d+$/)).optional(),
  remoteLinkLimit: z.number().int().min(0).max(50).optional(),
});

export const jiraBackend: SystemBackend<'jira'> = {
  createProvider(base, settings) {
    const jira = settingsSection(settings, 'jira', sectionSchema);
    // Bare ids in reference fields name items of the first connection whose system writes them there.
    const holder = settings?.connections.find((c) => systemOf(c.system)?.backend.bareIds);
    const tenant = holder && systemOf(holder.system)?.backend.bareIds?.tenantOf(holder);
    return createJiraProvider({
      ...base,
      ...(jira?.referenceFields ? { referenceFields: jira.referenceFields } : {}),
      ...(jira?.remoteLinkLimit !== undefined ? { remoteLinkLimit: jira.remoteLinkLimit } : {}),
      ...(tenant !== undefined ? { zendeskSubdomain: tenant } : {}),
    });
  },

  // Remote links and comments (issue 14): asked only for a connection with `"write": true`.
  createWriter: (base) => createJiraWriter(base),

  mentions: {
    target: (ref, base) => ({ key: ref.key, url: `${base}/browse/${ref.key}` }),
    matchBy: 'key',
    searchBy: ['key'],
    keyInFields: true,
  },

  extractOptions: ({ providers, keys }) => ({
    // A key goes to the first Jira that has its project; a URL to the Jira it is on.
    jira: providers.map((p) => ({
      ...(p.refHost ? { host: p.refHost } : {}),
      baseUrl: p.connection.baseUrl,
      projectKeys: keys?.get(p.connection.id) ?? 'any',
    })),
  }),

  discovery: {
    grammarKeys: {
      of: (found) => found.jiraProjectKeys,
      configured: (settings, connectionId) => settings.jira.projectKeys[connectionId],
      noun: 'projects',
    },
  },
};
