import { useEffect, useState } from 'preact/hooks';
import { type Connection, connectionSchema } from '../../core/settings';
import type { SectionProps } from '../../options/ConnectionsSection';
import { rawList } from '../../options/settings-edit';
import { TextField } from '../../options/TextField';
import { setConnectionField } from '../connection-fields';
import { type HelpCenterSettings, helpCenterOf } from './writes';

/**
 * Where draft Help Center articles go, per Zendesk connection that writes (issue 14): the connection's
 * `helpCenter` {sectionId, permissionGroupId, userSegmentId, locale}. Zendesk requires the permission group and a
 * user segment (or none: everyone) on every article ("Articles",
 * https://developer.zendesk.com/api-reference/help_center/help-center-api/articles/). Without them the
 * connection cannot draft; copying the article as Markdown still works.
 */
export function ZendeskHelpCenterSection({ raw, write }: SectionProps) {
  const writing = rawList(raw, 'connections').flatMap((c) => {
    const parsed = connectionSchema.safeParse(c);
    return parsed.success && parsed.data.system === 'zendesk' && parsed.data.write === true
      ? [parsed.data]
      : [];
  });
  if (writing.length === 0) return null;
  return (
    <section aria-labelledby="zendesk-hc-title">
      <h2 id="zendesk-hc-title">Zendesk Help Center drafts</h2>
      <p class="muted">
        Draft articles Liaison creates from a resolved bug go to this section, as drafts only. Leave the
        section empty to only copy articles as Markdown.
      </p>
      {writing.map((connection) => (
        <HelpCenterForm
          key={connection.id}
          connection={connection}
          save={(value) => write((latest) => setConnectionField(latest, connection.id, 'helpCenter', value))}
        />
      ))}
    </section>
  );
}

type Texts = Record<'sectionId' | 'permissionGroupId' | 'userSegmentId' | 'locale', string>;
type Errors = Partial<Texts>;

const textsOf = (settings: HelpCenterSettings | undefined): Texts => ({
  sectionId: settings ? String(settings.sectionId) : '',
  permissionGroupId: settings ? String(settings.permissionGroupId) : '',
  userSegmentId: settings?.userSegmentId ? String(settings.userSegmentId) : '',
  locale: settings?.locale ?? 'en-us',
});

const idPattern = /^[1-9]\d{0,15}$/;
const localePattern = /^[a-z]{2,3}(?:-[a-z0-9]{2,8}){0,2}$/i;

/** The settings the texts make, the problems with them, or undefined for "no Help Center drafts". */
export function helpCenterFromTexts(
  texts: Texts,
): { value: HelpCenterSettings | undefined; errors?: undefined } | { errors: Errors } {
  const t = {
    sectionId: texts.sectionId.trim(),
    permissionGroupId: texts.permissionGroupId.trim(),
    userSegmentId: texts.userSegmentId.trim(),
    locale: texts.locale.trim().toLowerCase() || 'en-us',
  };
  if (!t.sectionId && !t.permissionGroupId && !t.userSegmentId) return { value: undefined };
  const errors: Errors = {};
  const id = 'a whole number, e.g. 360001234567';
  if (!idPattern.test(t.sectionId)) errors.sectionId = `The section id is ${id}.`;
  if (!idPattern.test(t.permissionGroupId)) errors.permissionGroupId = `The permission group id is ${id}.`;
  if (t.userSegmentId && !idPattern.test(t.userSegmentId))
    errors.userSegmentId = `The user segment id is ${id}, or empty for everyone.`;
  if (!localePattern.test(t.locale)) errors.locale = 'A locale like en-us or de.';
  if (Object.keys(errors).length > 0) return { errors };
  return {
    value: {
      sectionId: Number(t.sectionId),
      permissionGroupId: Number(t.permissionGroupId),
      userSegmentId: t.userSegmentId ? Number(t.userSegmentId) : null,
      locale: t.locale,
    },
  };
}

function HelpCenterForm(props: {
  connection: Connection;
  save(value: HelpCenterSettings | undefined): Promise<string | undefined>;
}) {
  const { connection } = props;
  const stored = textsOf(helpCenterOf(connection));
  const storedKey = JSON.stringify(stored);
  const [texts, setTexts] = useState<Texts>(stored);
  const [errors, setErrors] = useState<Errors>({});
  const [status, setStatus] = useState<{ text: string; error?: boolean }>();
  useEffect(() => setTexts(stored), [storedKey]);
  const id = (field: keyof Texts) => `zendesk-hc-${field}-${connection.id}`;
  const set = (field: keyof Texts) => (value: string) => setTexts((t) => ({ ...t, [field]: value }));

  const onSubmit = (event: Event) => {
    event.preventDefault();
    const made = helpCenterFromTexts(texts);
    if (made.errors) {
      setErrors(made.errors);
      setStatus(undefined);
      return;
    }
    setErrors({});
    void props
      .save(made.value)
      .then((problem) => setStatus(problem ? { text: problem, error: true } : { text: 'Saved.' }));
  };

  return (
    <form
      class="subsection"
      onSubmit={onSubmit}
      aria-label={`Help Center drafts of ${connection.baseUrl}`}
      noValidate
    >
      <h3>{connection.baseUrl}</h3>
      <TextField
        id={id('sectionId')}
        name="sectionId"
        label="Section id"
        hint="Guide → the section's page: the number in its address (…/sections/360001234567)."
        type="number"
        value={texts.sectionId}
        onInput={set('sectionId')}
        error={errors.sectionId}
        optional
      />
      <TextField
        id={id('permissionGroupId')}
        name="permissionGroupId"
        label="Permission group id"
        hint="Who may edit and publish the article (Guide admin → Permission groups)."
        type="number"
        value={texts.permissionGroupId}
        onInput={set('permissionGroupId')}
        error={errors.permissionGroupId}
        optional
      />
      <TextField
        id={id('userSegmentId')}
        name="userSegmentId"
        label="User segment id"
        hint="Who may read it once published. Empty: everyone."
        type="number"
        value={texts.userSegmentId}
        onInput={set('userSegmentId')}
        error={errors.userSegmentId}
        optional
      />
      <TextField
        id={id('locale')}
        name="locale"
        label="Locale"
        value={texts.locale}
        onInput={set('locale')}
        error={errors.locale}
        placeholder="en-us"
      />
      <div class="actions">
        <button type="submit">Save Help Center settings</button>
      </div>
      <p role="status" class={status?.error ? 'error' : 'ok'}>
        {status?.text}
      </p>
    </form>
  );
}
