export { createRekeyStage, type RekeyOptions, type RekeyStage, type RekeyStats } from './rekey-stage';
export { planRekey, type RekeyPlan, type RekeyMessage } from './plan-rekey';
