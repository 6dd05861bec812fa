/** The file commands that load after the first prompt, in one chunk (see LAZY_BUILTINS in index.ts). */
export { cp } from './cp';
export { head, tail } from './head-tail';
export { ls } from './ls';
export { mv } from './mv';
export { rm } from './rm';
export { tree } from './tree';
export { wc } from './wc';
export { which } from './which';
