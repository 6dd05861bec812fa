/** man, less and more, in one chunk loaded after the first prompt. */
export { man } from './man';
export { less, more } from './less';
