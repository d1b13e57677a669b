/**
 * What the background needs of a system (its provider factory, mention targets and search terms, discovery,
 * extraction options): one implementation per system in `src/systems/<id>/backend.ts`.
 */
// biome-ignore lint/suspicious/noEmptyInterface: filled as the background's per-system branches move here
export interface SystemBackend {}
