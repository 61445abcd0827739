'use strict';
// See package.json: only the Forge CLI's login path would reach this, and that runs from a global install.
const unavailable = () => {
  throw new Error('keytar is not installed in this project. Use the globally installed Forge CLI (npm i -g @forge/cli) to log in and deploy.');
};
module.exports = { getPassword: unavailable, setPassword: unavailable, deletePassword: unavailable, findCredentials: unavailable, findPassword: unavailable };
