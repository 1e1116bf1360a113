-- cnr-lint for Neovim (0.8 or later): put this in your init.lua.
vim.api.nvim_create_autocmd("FileType", {
  pattern = { "markdown", "text" },
  callback = function(args)
    vim.lsp.start({
      name = "cnr-lint",
      cmd = { "cnr-lint", "server" },
      root_dir = vim.fs.dirname(vim.fs.find({ ".git", "pyproject.toml", ".cnr-lint.yaml" }, { upward = true, path = vim.api.nvim_buf_get_name(args.buf) })[1]),
    })
  end,
})
