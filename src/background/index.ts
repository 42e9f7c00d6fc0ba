import '../platform/browser';
