/**
 * Organisations and people of the fixed story, plus the generators for noise ones.
 * The story's three customer organisations (Globex Retail, Initech, Umbrella Corp) are referenced by tests.
 */
import { type Rng, stableHex } from './prng.ts';
import type { Organization, Person } from './types.ts';

function org(key: string, name: string, tier: Organization['tier'], n: number): Organization {
  return {
    key,
    name,
    domain: `${key}.example`,
    tier,
    zendeskId: 360000100000 + n,
    snowSysId: stableHex(`snow:core_company:${key}`, 32),
    jsmId: 100 + n,
  };
}

export const storyOrgs: Organization[] = [
  org('globex', 'Globex Retail', 'enterprise', 1),
  org('initech', 'Initech', 'business', 2),
  org('umbrella', 'Umbrella Corp', 'enterprise', 3),
];

const noiseOrgNames = [
  'Hooli',
  'Soylent Foods',
  'Stark Logistics',
  'Wayne Outfitters',
  'Vandelay Imports',
  'Cyberdyne Retail',
  'Tyrell Garden Supply',
  'Wonka Confections',
  'Oscorp Pharmacy',
  'Massive Dynamic',
  'Prestige Worldwide',
  'Pied Piper',
  'Dunder Paper',
  'Bluth Homes',
  'Gringotts Lending',
  'Monarch Books',
];

export function noiseOrgs(count: number): Organization[] {
  const out: Organization[] = [];
  for (let i = 0; i < count; i++) {
    const base = noiseOrgNames[i % noiseOrgNames.length] as string;
    const round = Math.floor(i / noiseOrgNames.length);
    const name = round === 0 ? base : `${base} ${round + 1}`;
    const key = name.toLowerCase().replace(/[^a-z0-9]+/g, '-');
    out.push(org(key, name, i % 3 === 0 ? 'enterprise' : i % 3 === 1 ? 'business' : 'starter', 10 + i));
  }
  return out;
}

function person(
  key: string,
  name: string,
  kind: Person['kind'],
  n: number,
  orgKey?: string,
  login?: string,
): Person {
  const first = name.split(' ')[0]?.toLowerCase() ?? key;
  const domain = orgKey ? `${orgKey}.example` : 'acme.com';
  return {
    key,
    name,
    email: kind === 'agent' && key === 'zoe' ? 'agent@acme.com' : `${first}.${n}@${domain}`,
    kind,
    orgKey,
    login: login ?? `${first}.${n}`,
    snowSysId: stableHex(`snow:sys_user:${key}`, 32),
    zendeskId: 9100000000 + n,
    jiraAccountId: `712020:${stableHex(`jira:user:${key}`, 8)}-${stableHex(`jira:user2:${key}`, 4)}`,
  };
}

/** Fixed people: customers of the story orgs, the support agents and the engineers. */
export const storyPeople: Person[] = [
  person('carla', 'Carla Mendes', 'customer', 1, 'globex'),
  person('dana', 'Dana Whitfield', 'customer', 2, 'globex'),
  person('bill', 'Bill Lumbergh', 'customer', 3, 'initech'),
  person('milton', 'Milton Waddams', 'customer', 4, 'initech'),
  person('alice', 'Alice Abernathy', 'customer', 5, 'umbrella'),
  // ServiceNow agent whose credentials the replica accepts (user_name liaison.agent)
  person('sam', 'Sam Okafor', 'agent', 6, undefined, 'liaison.agent'),
  // Zendesk agent: agent@acme.com
  person('zoe', 'Zoe Laurent', 'agent', 7, undefined, 'zoe.laurent'),
  person('mona', 'Mona Lisowski', 'engineer', 8, undefined, 'mona-dev'),
  person('hubert', 'Hubert Reyes', 'engineer', 9, undefined, 'hubert-r'),
  person('priya', 'Priya Natarajan', 'engineer', 10, undefined, 'priya-n'),
];

const firstNames = [
  'Ana',
  'Ben',
  'Chen',
  'Dmitri',
  'Eva',
  'Farah',
  'Gus',
  'Hana',
  'Ivo',
  'Jules',
  'Kofi',
  'Lena',
];
const lastNames = [
  'Ito',
  'Keller',
  'Moreau',
  'Novak',
  'Okoro',
  'Park',
  'Quinn',
  'Rossi',
  'Silva',
  'Tan',
  'Weber',
];

export function noiseCustomers(rng: Rng, count: number, orgs: Organization[]): Person[] {
  const out: Person[] = [];
  for (let i = 0; i < count; i++) {
    const name = `${rng.pick(firstNames)} ${rng.pick(lastNames)}`;
    out.push(person(`cust${i}`, name, 'customer', 100 + i, rng.pick(orgs).key));
  }
  return out;
}
