;;; cnr-lint.el --- cnr-lint for Emacs through eglot (Emacs 29 or later): put this in your init file.
(with-eval-after-load 'eglot
  (add-to-list 'eglot-server-programs
               '((markdown-mode text-mode) . ("cnr-lint" "server"))))
(add-hook 'markdown-mode-hook #'eglot-ensure)
