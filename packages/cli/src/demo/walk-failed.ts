/** A demo step that did not come out as the model says: the walk stops and says why (exit 1), not a crash. */
export class WalkFailed extends Error {}
