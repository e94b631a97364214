export { formatRate, parseRate } from '../engine';
