// Runs first in <body>: GOV.UK Frontend styles components for scripts only once it sees these classes.
document.body.className += ' js-enabled' + ('noModule' in HTMLScriptElement.prototype ? ' govuk-frontend-supported' : '');
