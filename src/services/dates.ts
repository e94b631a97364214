export { isIsoDate } from '../engine';
