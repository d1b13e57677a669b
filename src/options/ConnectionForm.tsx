import { useEffect, useState } from 'preact/hooks';
import { originsToRequest } from '../core/host-access';
import type { Connection } from '../core/settings';
import { ApiConfirmField } from './ApiConfirmField';
import { askAccess } from './access';
import {
  connectionFromDraft,
  type Draft,
  type DraftErrors,
  draftCrossSiteApi,
  draftOf,
  hasStoredSecret,
  secretLostBy,
} from './connection-draft';
import { type ConnectionKind, type FieldName, type KindId, kindById, kindList } from './connection-kinds';

/** The kind a new connection starts as: the registry's first system's first kind (github.com). */
const firstKind = (): ConnectionKind => {
  const [first] = kindList();
  if (!first) throw new Error('[liaison] no connection kind is registered');
  return first;
};

import type { OptionsEnv } from './env';
import { SecretField } from './SecretField';
import { TestOutcome } from './TestOutcome';
import { TextField } from './TextField';
import { useConnectionTest } from './useConnectionTest';
import { WriteField } from './WriteField';

/**
 * Adds or edits one connection: the fields its auth method needs, where to create the token, Test connection
 * (of the draft, before saving) and Save. For a self-hosted host both ask the browser for access first, in the
 * click itself (a user gesture).
 */
export interface ConnectionFormProps {
  env: OptionsEnv;
  /** The connection being edited (saved, or imported without its secret); undefined adds a new one. */
  stored?: Record<string, unknown> | undefined;
  /** The edited connection's kind; a new one starts as GitHub. */
  kind?: ConnectionKind | undefined;
  /** A new connection's address, known already (the popup's "connect this site"). */
  prefill?: { baseUrl: string } | undefined;
  /** The id a new connection of a kind gets. */
  idFor(kind: ConnectionKind): string;
  /** Writes the connection; resolves to an error message when it could not. */
  onSave(connection: Connection): Promise<string | undefined>;
  onCancel(): void;
}

const FIELD_ORDER: (FieldName | 'apiConfirm')[] = ['baseUrl', 'apiUrl', 'apiConfirm', 'username', 'secret'];

export function ConnectionForm(props: ConnectionFormProps) {
  const { env, stored } = props;
  const [kindId, setKindId] = useState<KindId>(() => props.kind?.id ?? firstKind().id);
  const kind = kindById(kindId);
  const [draft, setDraft] = useState<Draft>(() => ({ ...draftOf(kind, stored), ...props.prefill }));
  const [errors, setErrors] = useState<DraftErrors>({});
  const [problem, setProblem] = useState<string>();
  const [busy, setBusy] = useState(false);
  const test = useConnectionTest(env);
  const id = typeof stored?.id === 'string' ? stored.id : props.idFor(kind);

  useEffect(() => {
    const first = FIELD_ORDER.find((f) => errors[f]);
    if (first) document.getElementById(`conn-${first}`)?.focus();
  }, [errors]);

  const change = (field: keyof Draft) => (value: string) => {
    setDraft((d) => ({ ...d, [field]: value }));
    setErrors((e) => ({ ...e, [field]: undefined }));
  };
  const switchKind = (next: KindId) => {
    setKindId(next);
    setDraft(draftOf(kindById(next), stored));
    setErrors({});
    test.clear();
  };

  const validated = () => {
    const result = connectionFromDraft(kind, draft, id, stored);
    setErrors(result.ok ? {} : result.errors);
    return result.ok ? result.connection : undefined;
  };

  const onTest = () => {
    const connection = validated();
    if (connection) test.run(kind, { connection }, originsToRequest(connection, env.manifest));
  };

  const onSubmit = (event: Event) => {
    event.preventDefault();
    setProblem(undefined);
    const connection = validated();
    if (!connection) return;
    const access = askAccess(env, originsToRequest(connection, env.manifest));
    setBusy(true);
    void (async () => {
      const granted = await access;
      const error = granted.ok ? await props.onSave(connection) : `Not saved. ${granted.error}`;
      setBusy(false);
      if (error) setProblem(error);
    })();
  };

  const lost = secretLostBy(kind, draft, stored);
  const crossSite = draftCrossSiteApi(kind, draft);
  const preview = connectionFromDraft(kind, { ...draft, secret: draft.secret || 'x' }, id, stored);
  const selfHosted = preview.ok ? originsToRequest(preview.connection, env.manifest) : [];
  const help = kind.tokenHelp(draft.baseUrl);
  const field = (name: 'baseUrl' | 'apiUrl' | 'username') => {
    const spec = kind.fields[name];
    if (!spec) return null;
    return (
      <TextField
        id={`conn-${name}`}
        name={name}
        label={spec.label}
        value={draft[name]}
        onInput={change(name)}
        error={errors[name]}
        hint={spec.hint}
        type={spec.type}
        placeholder={spec.placeholder}
        optional={spec.optional}
      />
    );
  };

  return (
    <form class="connection-form" aria-labelledby="conn-title" onSubmit={onSubmit} noValidate>
      <h3 id="conn-title">{stored ? `Edit ${kind.name} connection` : 'Add a connection'}</h3>
      {!stored && (
        <div class="field">
          <label for="conn-kind">System</label>
          <select
            id="conn-kind"
            name="kind"
            value={kindId}
            onChange={(e) => switchKind(e.currentTarget.value as KindId)}
          >
            {kindList().map((k) => (
              <option value={k.id} key={k.id}>
                {k.name}
              </option>
            ))}
          </select>
        </div>
      )}
      {field('baseUrl')}
      {field('apiUrl')}
      {crossSite && (
        <ApiConfirmField
          origin={crossSite}
          site={new URL(draft.baseUrl || kind.defaultBaseUrl || crossSite).host}
          checked={draft.apiConfirmed === crossSite}
          onChange={(on) => {
            setDraft((d) => ({ ...d, apiConfirmed: on ? crossSite : '' }));
            setErrors((e) => ({ ...e, apiConfirm: undefined }));
          }}
          error={errors.apiConfirm}
        />
      )}
      {field('username')}
      <SecretField
        key={kindId}
        id="conn-secret"
        label={kind.fields.secret?.label ?? 'Token'}
        stored={hasStoredSecret(kind, stored) && !lost}
        value={draft.secret}
        onInput={change('secret')}
        error={errors.secret}
        hint={kind.fields.secret?.hint}
        notice={errors.secret ? undefined : lost}
      />
      {help && (
        <p class="token-help">
          <a href={help.href} target="_blank" rel="noreferrer">
            {help.text}
          </a>
          : {help.steps}
        </p>
      )}
      <WriteField
        kind={kind}
        checked={draft.write}
        onChange={(on) => setDraft((d) => ({ ...d, write: on }))}
      />
      {selfHosted.length > 0 && (
        <p class="hint" data-self-hosted>
          A self-hosted instance: saving or testing asks your browser for access to{' '}
          {selfHosted.map((o) => o.replace(/^https:\/\/|\/\*$/g, '')).join(', ')}.
        </p>
      )}
      <div class="actions">
        <button type="submit" disabled={busy}>
          Save
        </button>
        <button type="button" onClick={onTest}>
          Test connection
        </button>
        <button type="button" onClick={props.onCancel}>
          Cancel
        </button>
      </div>
      <TestOutcome outcome={test.outcome} />
      {problem && (
        <p class="error" role="alert">
          {problem}
        </p>
      )}
    </form>
  );
}
