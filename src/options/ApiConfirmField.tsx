/**
 * The confirmation an API URL on another site than the connection needs before Liaison sends it credentials
 * (`apiOriginConfirmed`): a crafted or mistyped API URL would otherwise take the token to someone else's server.
 */
export interface ApiConfirmFieldProps {
  /** The cross-site API origin, e.g. https://api.other.com. */
  origin: string;
  /** The host of the connection's own site. */
  site: string;
  checked: boolean;
  onChange(checked: boolean): void;
  error?: string | undefined;
}

export function ApiConfirmField({ origin, site, checked, onChange, error }: ApiConfirmFieldProps) {
  const id = 'conn-apiConfirm';
  return (
    <div class="field confirm" data-api-confirm={origin}>
      <p id={`${id}-hint`} class="warning">
        This API URL is not on {site}. Liaison sends your credentials to {origin} only if you confirm that
        your server's API really lives there.
      </p>
      <label for={id}>
        <input
          id={id}
          name="apiConfirm"
          type="checkbox"
          checked={checked}
          aria-invalid={error ? 'true' : undefined}
          aria-describedby={[`${id}-hint`, error && `${id}-error`].filter(Boolean).join(' ')}
          onChange={(e) => onChange(e.currentTarget.checked)}
        />{' '}
        Send my credentials to {origin}
      </label>
      {error && (
        <p id={`${id}-error`} class="field-error">
          {error}
        </p>
      )}
    </div>
  );
}
