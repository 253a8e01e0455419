/** Desk's literal search tokens (Search.json): they look like template placeholders but are plain strings. */

// biome-ignore lint/suspicious/noTemplateCurlyInString: a literal Desk token
export const EMPTY_TOKEN = '${empty}';
// biome-ignore lint/suspicious/noTemplateCurlyInString: a literal Desk token
export const NOT_EMPTY_TOKEN = '${notempty}';

/** `${open}`, `${onhold}`, `${closed}`: a ticket statusType instead of a status name. */
export const STATUS_TYPE_TOKENS: Readonly<Record<string, 'Open' | 'On Hold' | 'Closed'>> = {
  '${open}': 'Open',
  '${onhold}': 'On Hold',
  '${closed}': 'Closed',
};
