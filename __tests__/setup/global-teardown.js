'use strict';
module.exports = () => require('./temp-root').teardown();
