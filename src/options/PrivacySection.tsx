/** What Liaison keeps and sends, plainly. */
export function PrivacySection() {
  return (
    <section aria-labelledby="privacy-title">
      <h2 id="privacy-title">Privacy</h2>
      <ul class="plain">
        <li>
          <strong>Stored:</strong> your connections and their credentials, in this browser's local extension
          storage (never synced to other devices), and a cache of the items Liaison fetched, in this browser's
          IndexedDB. Removing the extension deletes both. With writing allowed, a list of what Liaison wrote
          (where, when, the result; no credentials and no answer bodies), shown and cleared under Activity.
        </li>
        <li>
          <strong>Written:</strong> nothing, unless you allow writing on a connection; then only what you
          confirm in a preview on the page, exactly as the preview shows it.
        </li>
        <li>
          <strong>Sent:</strong> requests go only to the hosts you connect here, over HTTPS, with your
          credentials, from the extension's background. A redirect elsewhere is refused, never followed, and a
          saved token stays with the URL it was entered for. The pages you visit never see your credentials.
        </li>
        <li>
          <strong>Nothing else:</strong> no analytics, no telemetry, no other server.
        </li>
      </ul>
    </section>
  );
}
