// Runs the simulator on its own: `node out/test/simulator/main.js [--port N] [--large]`.
import { largeAccountSpec } from './largeAccount';
import { startSimulator } from './simulator';

const portArg = process.argv.indexOf('--port');
const port = portArg >= 0 ? Number(process.argv[portArg + 1]) : 0;
const large = process.argv.includes('--large');

startSimulator({ port, ...(large ? { spec: largeAccountSpec(Date.now()) } : {}) }).then(
  (sim) => {
    console.log(`Qwen Cloud simulator listening on ${sim.url}`);
    const stop = (): void => void sim.close().then(() => process.exit(0));
    process.once('SIGINT', stop);
    process.once('SIGTERM', stop);
  },
  (error: unknown) => {
    console.error(error);
    process.exitCode = 1;
  },
);
