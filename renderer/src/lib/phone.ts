/** The one display format of a phone number lives beside its parser, so main and the checks of the screens use the same one. */
export { formatPhoneNumber } from '@shared/domain/phone';
