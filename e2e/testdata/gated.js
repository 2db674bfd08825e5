// A tracker gated on the statistics category: it must not run without consent.
window.gatedRan = true;
