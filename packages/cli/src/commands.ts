import Demo from './commands/demo.js';

/** Every zlc command, by id (oclif's explicit command strategy: no directory scan at start-up). */
export const COMMANDS = {
  demo: Demo,
};
