/**
 * The report's answers as the domain judges them. The judge itself lives in
 * `contract/report-answers.ts` so the report form can run the very same code on every keystroke;
 * the readiness check, the send-back comment and the workflow validator reach it through here.
 */
export { describeEmptyAnswer, findAnswerProblems as findPlaceholderProblems, isAnswered as isFieldSubstantive, type FieldProblem } from '../../contract/report-answers';
