import { acao, allowed, at, only, opaque, reply } from './build';
import type { Scenario } from './types';

/**
 * Canvas taint: an image drawn into a canvas and read back. Chromium's truth is the page's own
 * SecurityError ("Tainted canvases may not be exported"); the image load itself is judged as
 * any other (opaque without crossorigin). The extension must name the load that tainted it.
 */
const F = 'canvas';
const image = (headers: Parameters<typeof reply>[0]) => only(reply(headers, 200, 'image'));

export const canvasScenarios: readonly Scenario[] = [
  {
    id: 'cv-plain',
    family: F,
    what: '<img> without crossorigin drawn, then getImageData',
    action: { kind: 'canvas', url: at('cv-plain'), read: 'getImageData' },
    steps: image([]),
    expected: opaque,
    tainted: true,
  },
  {
    id: 'cv-plain-acao',
    family: F,
    what: 'the same with ACAO * on the image: still no-cors without crossorigin',
    action: { kind: 'canvas', url: at('cv-plain-acao'), read: 'getImageData' },
    steps: image([acao('*')]),
    expected: opaque,
    tainted: true,
  },
  {
    id: 'cv-todataurl',
    family: F,
    what: 'without crossorigin, toDataURL',
    action: { kind: 'canvas', url: at('cv-todataurl'), read: 'toDataURL' },
    steps: image([]),
    expected: opaque,
    tainted: true,
  },
  {
    id: 'cv-toblob',
    family: F,
    what: 'without crossorigin, toBlob',
    action: { kind: 'canvas', url: at('cv-toblob'), read: 'toBlob' },
    steps: image([]),
    expected: opaque,
    tainted: true,
  },
  {
    id: 'cv-webgl',
    family: F,
    what: 'without crossorigin, uploaded to WebGL with texImage2D',
    action: { kind: 'canvas', url: at('cv-webgl'), read: 'texImage2D' },
    steps: image([]),
    expected: opaque,
    tainted: true,
  },
  {
    id: 'cv-cors-ok',
    family: F,
    what: 'crossorigin="anonymous" and ACAO *: readable',
    action: { kind: 'canvas', url: at('cv-cors-ok'), crossOrigin: 'anonymous', read: 'getImageData' },
    steps: image([acao('*')]),
    expected: allowed,
    tainted: false,
  },
  {
    id: 'cv-cors-webgl-ok',
    family: F,
    what: 'crossorigin="anonymous" and ACAO *, WebGL upload',
    action: { kind: 'canvas', url: at('cv-cors-webgl-ok'), crossOrigin: 'anonymous', read: 'texImage2D' },
    steps: image([acao('*')]),
    expected: allowed,
    tainted: false,
  },
];
