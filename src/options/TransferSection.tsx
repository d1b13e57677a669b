import { useState } from 'preact/hooks';
import type { SectionProps } from './ConnectionsSection';
import { exportSettings, importSettings, tooLarge } from './transfer';

/** Settings to and from a JSON file, never with a secret in it. */
export function TransferSection({ env, raw, write }: SectionProps) {
  const [status, setStatus] = useState<{ text: string; error?: boolean }>();

  const onExport = () => {
    const { json, secretsLeftOut } = exportSettings(raw);
    env.download('liaison-settings.json', json);
    setStatus({
      text:
        secretsLeftOut > 0
          ? `Exported without secrets: ${secretsLeftOut} ${secretsLeftOut === 1 ? 'token or password was' : 'tokens and passwords were'} left out. Importing here keeps the saved ones; elsewhere, enter them again.`
          : 'Exported.',
    });
  };

  const onImport = async (event: Event) => {
    const input = event.currentTarget as HTMLInputElement;
    const file = input.files?.[0];
    if (!file) return;
    // Checked before reading: a huge file is never loaded into memory.
    const large = tooLarge(file.size);
    const result = large ? { ok: false as const, error: large } : importSettings(await file.text(), raw);
    input.value = '';
    if (!result.ok) return setStatus({ text: result.error, error: true });
    const error = await write(() => result.value);
    if (error) return setStatus({ text: `Not imported: ${error}`, error: true });
    const kept = result.restored.length > 0 ? ` Saved secrets kept for ${result.restored.join(', ')}.` : '';
    const waiting =
      result.pending.length > 0
        ? ` Enter the token or password of ${result.pending.join(', ')} under Connections to use them.`
        : '';
    const moved = result.notKept.map((sentence) => ` ${sentence}`).join('');
    setStatus({ text: `Imported ${file.name}.${kept}${moved}${waiting}` });
  };

  return (
    <section aria-labelledby="transfer-title">
      <h2 id="transfer-title">Export and import</h2>
      <p class="muted">
        The file holds every setting except tokens and passwords. Importing replaces these settings; a
        connection with the same id and the same URLs keeps its saved secret.
      </p>
      <div class="actions">
        <button type="button" onClick={onExport}>
          Export settings
        </button>
        <input
          id="import-file"
          name="import"
          type="file"
          accept=".json,application/json"
          class="visually-hidden"
          onChange={(e) => void onImport(e)}
        />
        <label class="file-button" for="import-file">
          Import settings…
        </label>
      </div>
      <p role="status" class={status?.error ? 'error' : 'ok'} data-status="transfer">
        {status?.text}
      </p>
    </section>
  );
}
