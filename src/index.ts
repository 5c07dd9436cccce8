// The public API of helm-image-variant (browser-safe: nothing here touches Node's APIs).
export { ValuesError, ResolveError } from './errors.js';
export type { Diagnostic, ResolveErrorCode, Severity, SourceLocation, ValuesErrorCode } from './errors.js';
export { loadValues } from './load/load-values.js';
export type { LoadValuesInput } from './load/load-values.js';
export type {
  ChartIdentity,
  GoValue,
  LoadedValues,
  Values,
  ValuesSource,
} from './values/load.js';
export type { HelmVersion } from './values/yaml/read.js';
export type { Chart, ChartFile } from './chart/chart.js';
export type { ChartDependency } from './chart/metadata.js';
export {
  formatImageReference,
  ImageReferenceError,
  normalizeImageReference,
  parseImageReference,
  tryParseImageReference,
} from './reference/index.js';
export type { ImageReference, ImageReferenceErrorCode } from './reference/index.js';
export { resolveImages, workloadArchPins, withArchPins } from './render/resolve-rendered.js';
export type { ArchPin } from './images/arch-pins.js';
export { valuesArchPins } from './images/values-arch-pins.js';
export { diffImages } from './images/diff.js';
export type { ImageChange, ImageChangeField, ImageSide } from './images/diff.js';
export { mirrorOverlay, mirrorTargets } from './mirror/mirror.js';
export type { MirrorLayout, MirrorOptions, MirrorOverlay, MirrorTarget, UnmovableImage } from './mirror/mirror.js';
export type { ImageVariant, ResolvedImage, ResolveOptions } from './images/resolve.js';
export { renderChart } from './render/render-chart.js';
export type { RenderChartOptions, RenderedDocument, RenderResult } from './render/render-chart.js';
export type {
  ImageHelper,
  Profile,
  ProfileCheck,
  ProfileContainer,
  ProfileFanOut,
  ProfileImageFields,
  ProfileImageFormat,
  ProfileSubchart,
  ProfileWorkload,
} from './images/profile.js';
export { checkProfile, parseProfile, ProfileError } from './images/profile-check.js';
export { validateValues } from './render/validate-rendered.js';
export type { ValidateOptions, ValidationResult } from './validate/validate.js';
export { valuesSchema, imageBlockSchema, globalImageSchema } from './validate/schema.js';
