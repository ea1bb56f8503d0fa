// Quire's web interface: small progressive enhancements. Every page works without this script.
"use strict";
