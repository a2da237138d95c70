/** Version of every @faultline package; sent as `sdk.version`. */
export const SDK_VERSION = '0.1.0';
