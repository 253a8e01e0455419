import { booksModule } from './books/index.js';
import type { ProductModule } from './core/types.js';
import { crmModule } from './crm/index.js';
import { deskModule } from './desk/index.js';

export const PRODUCTS: readonly ProductModule[] = [crmModule, booksModule, deskModule];
