// The form's fill-time rules are the domain's (src/scoresheet/fillRules.ts): the device layer
// applies the very same function on every write, so the screen and the stored draft agree.
export { applyAnswer, choiceBlocked, exclusions } from '../../scoresheet/fillRules';
