import { Command } from '@oclif/core';

export default class Demo extends Command {
  static override description = 'Walk through zlc on the embedded sandbox.';
  async run(): Promise<void> {
    this.log('demo');
  }
}
