import { useEffect, useRef, useState } from 'preact/hooks';

/**
 * A token or password. A saved one is never shown, nor put in an input: the field says "•••• set" with a Replace
 * button, which opens an empty password input. A new one is typed into a password input.
 */
export interface SecretFieldProps {
  id: string;
  label: string;
  /** A secret is saved for this connection. */
  stored: boolean;
  value: string;
  onInput(value: string): void;
  error?: string | undefined;
  hint?: string | undefined;
  /** Why a saved secret is no longer offered (the connection's URL moved to another origin). */
  notice?: string | undefined;
}

export function SecretField(props: SecretFieldProps) {
  const { id, error, hint, notice } = props;
  const [replaceChosen, setReplacing] = useState(!props.stored);
  // A saved secret that stops being offered (a URL moved) opens the input at once, and a typed one keeps it open.
  const replacing = replaceChosen || !props.stored || props.value !== '';
  const input = useRef<HTMLInputElement>(null);
  const opened = useRef(false);
  useEffect(() => {
    if (replacing && opened.current) input.current?.focus();
  }, [replacing]);
  const described = [notice && `${id}-notice`, hint && `${id}-hint`, error && `${id}-error`]
    .filter(Boolean)
    .join(' ');

  if (!replacing) {
    return (
      <div class="field">
        <span class="label" id={`${id}-label`}>
          {props.label}
        </span>
        <p class="secret-set">
          <span data-secret="set">•••• set</span>{' '}
          <button
            type="button"
            aria-describedby={`${id}-label`}
            onClick={() => {
              opened.current = true;
              setReplacing(true);
            }}
          >
            Replace
          </button>
        </p>
      </div>
    );
  }
  return (
    <div class="field">
      <label for={id}>{props.label}</label>
      <input
        ref={input}
        id={id}
        name="secret"
        type="password"
        value={props.value}
        autocomplete="off"
        spellcheck={false}
        aria-invalid={error ? 'true' : undefined}
        aria-describedby={described || undefined}
        onInput={(e) => props.onInput(e.currentTarget.value)}
      />
      {props.stored && (
        <p class="hint">
          Leave empty to keep the saved one.{' '}
          <button
            type="button"
            class="link"
            onClick={() => {
              props.onInput('');
              setReplacing(false);
            }}
          >
            Keep it
          </button>
        </p>
      )}
      {notice && (
        <p id={`${id}-notice`} class="warning" data-secret="not-kept">
          {notice}
        </p>
      )}
      {hint && (
        <p id={`${id}-hint`} class="hint">
          {hint}
        </p>
      )}
      {error && (
        <p id={`${id}-error`} class="field-error">
          {error}
        </p>
      )}
    </div>
  );
}
