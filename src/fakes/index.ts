// The fake providers' public surface: tests, the demo and the benchmark import from here.
export { startFakeProvider } from './server.ts';
export { defaultRespond } from './default-responder.ts';
export { sampleFromSchema, sampleObjectFromSchema } from './schema-sample.ts';
export {
  faultAlways,
  faultBetween,
  faultEvery,
  faultForModel,
  faultSequence,
  faultWithProbability,
  firstFault,
  uniformAt,
  type FaultOrScript,
} from './faults.ts';
export {
  startModelLadder,
  type LadderDeploymentConfig,
  type LadderProviderConfig,
  type LadderRung,
  type ModelLadder,
  type ModelLadderOptions,
} from './model-ladder.ts';
export type * from './types.ts';
