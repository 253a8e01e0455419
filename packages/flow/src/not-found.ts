/** A Zoho read whose "not found" answer means "no such record here". */
import { ZohoNotFoundError } from '@zlc/zoho';

/** The read's result, or `undefined` when Zoho answers not found; other errors pass through. */
export async function orUndefined<T>(read: () => Promise<T>): Promise<T | undefined> {
  try {
    return await read();
  } catch (error) {
    if (error instanceof ZohoNotFoundError) return undefined;
    throw error;
  }
}
