/**
 * What the options page needs of a system (its connection kinds and their fields, auth, token help, test hints,
 * settings sections): one implementation per system in `src/systems/<id>/forms.ts`.
 */
// biome-ignore lint/suspicious/noEmptyInterface: filled as the options page's per-system branches move here
export interface SystemForms {}
