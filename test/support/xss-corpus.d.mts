export declare const XSS_VECTORS: string[];
