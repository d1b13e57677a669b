import { useEffect, useRef, useState } from 'preact/hooks';
import { parseSettings } from '../core/settings';
import { systems } from '../systems/index';
import { ActivitySection } from './ActivitySection';
import { CacheSection } from './CacheSection';
import { ConnectionsSection } from './ConnectionsSection';
import type { OptionsEnv } from './env';
import { FieldMappingsSection } from './FieldMappingsSection';
import { PrivacySection } from './PrivacySection';
import { asRaw, checked, type RawSettings } from './settings-edit';
import { TransferSection } from './TransferSection';
import { WatchSection } from './WatchSection';
import './options.css';

/**
 * The options page (`options_ui.page`, DESIGN.md contract 5). It edits exactly the `settings` value of
 * contract 2: every change is applied to the value as stored at that moment (so fields it does not know are
 * kept), checked with the settings schema, and written; settings written elsewhere show up at once.
 */
/** The sections systems add (Jira projects, GitHub search scope), in their order. */
const systemSections = systems()
  .flatMap((s) => s.forms.sections ?? [])
  .sort((a, b) => a.order - b.order);

export function Options({ env }: { env: OptionsEnv }) {
  const [stored, setStored] = useState<unknown>();
  const [loaded, setLoaded] = useState(false);
  const latest = useRef<unknown>(undefined);

  useEffect(() => {
    let live = true;
    const show = (value: unknown) => {
      latest.current = value;
      setStored(value);
    };
    const off = env.onSettingsChange(show);
    void env.loadSettings().then((value) => {
      if (!live) return;
      show(value);
      setLoaded(true);
    });
    return () => {
      live = false;
      off();
    };
  }, [env]);

  const write = async (change: (latest: RawSettings) => RawSettings): Promise<string | undefined> => {
    const next = change(asRaw(latest.current));
    const check = checked(next);
    if (!check.ok) return `Not saved: ${check.error}`;
    try {
      await env.saveSettings(next);
    } catch (error) {
      return `Not saved: ${error instanceof Error ? error.message : error}`;
    }
    latest.current = next;
    setStored(next);
    return undefined;
  };

  const raw = asRaw(stored);
  const parsed = parseSettings(stored);
  const settings = parsed.ok ? parsed.settings : undefined;
  const props = { env, raw, write, settings };

  return (
    <main>
      <h1>Liaison options</h1>
      {!loaded ? (
        <p>Loading…</p>
      ) : (
        <>
          {!parsed.ok && (
            <p role="alert" class="error banner">
              The saved settings are not valid ({parsed.error}), so Liaison is not using them. Fix the field
              named, or import a settings file.
            </p>
          )}
          <ConnectionsSection {...props} />
          {systemSections.map(({ component: Section }, index) => (
            <Section key={index} {...props} />
          ))}
          <FieldMappingsSection {...props} />
          <CacheSection {...props} />
          <WatchSection {...props} />
          <ActivitySection env={env} />
          <TransferSection {...props} />
          <PrivacySection />
        </>
      )}
    </main>
  );
}
