/** A labelled input with its hint and its validation message, both tied to it for screen readers. */
export interface TextFieldProps {
  id: string;
  name: string;
  label: string;
  value: string;
  onInput(value: string): void;
  error?: string | undefined;
  hint?: string | undefined;
  type?: 'url' | 'email' | 'text' | 'number' | undefined;
  placeholder?: string | undefined;
  optional?: boolean | undefined;
}

export function TextField(props: TextFieldProps) {
  const { id, error, hint } = props;
  const described = [hint && `${id}-hint`, error && `${id}-error`].filter(Boolean).join(' ');
  return (
    <div class="field">
      <label for={id}>
        {props.label}
        {props.optional && <span class="muted"> (optional)</span>}
      </label>
      <input
        id={id}
        name={props.name}
        // Plain text with a matching keyboard: the form's own messages explain problems, not the browser's bubbles.
        type="text"
        inputMode={
          props.type === 'url'
            ? 'url'
            : props.type === 'email'
              ? 'email'
              : props.type === 'number'
                ? 'numeric'
                : 'text'
        }
        value={props.value}
        placeholder={props.placeholder}
        spellcheck={false}
        autocomplete="off"
        aria-invalid={error ? 'true' : undefined}
        aria-describedby={described || undefined}
        onInput={(e) => props.onInput(e.currentTarget.value)}
      />
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
